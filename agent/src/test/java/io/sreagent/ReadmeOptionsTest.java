package io.sreagent;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.Feature;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's option table is the declarations, row for row: key, default, what is accepted, what it
 * does. When an option is added or changed, this test writes the table to paste (agent/target/option-table.md).
 */
class ReadmeOptionsTest {
    private static final String HEADER = "| key | default | accepted | what it does |";

    @Test
    void theReadmeTableIsTheDeclaredOptions() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int start = readme.indexOf(HEADER);
        List<String> documented = new ArrayList<>();
        for (int i = start + 2; start >= 0 && i < readme.size() && readme.get(i).startsWith("|"); i++) {
            documented.add(readme.get(i));
        }
        List<String> declared = table(Features.all());
        Files.write(Path.of("target", "option-table.md"), declared);
        assertEquals(String.join("\n", declared), String.join("\n", documented),
                "README.md's option table must match the options the code declares; paste agent/target/option-table.md in its place");
    }

    /** One row per option, the feature switches folded into one. */
    static List<String> table(List<Feature> features) {
        List<String> rows = new ArrayList<>();
        for (Option<?> o : Features.options(features)) {
            if (!o.key().startsWith(CoreOptions.INSTRUMENT_PREFIX)) {
                rows.add("| `" + o.key() + "` | " + o.shownDefault() + " | " + o.accepted() + " | " + o.description() + " |");
            }
        }
        rows.add("| `" + CoreOptions.INSTRUMENT_PREFIX + "<feature>` | `on` | on or off | switch one feature off: "
                + String.join(", ", Features.names(features).stream().map(n -> "`" + n + "`").toList()) + " |");
        return rows;
    }
}
