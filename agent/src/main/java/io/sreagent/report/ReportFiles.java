package io.sreagent.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report files: named {@code sre-agent-<UTC time>-pid<pid>-<trigger>.<json|txt>} so that a plain
 * listing sorts them by time, written to a temp file and renamed (a reader never sees half a report),
 * readable by the owner only, and pruned to the newest {@code keep} reports.
 */
public final class ReportFiles {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Matches every report file, and the files features put beside one, whatever JVM wrote them. */
    static final Pattern NAME = Pattern.compile("(sre-agent-\\d{8}T\\d{6}\\.\\d{3}Z-pid(\\d+)-([a-z-]+))\\.([a-z0-9]+)");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final List<String> formats;
    private final int keep;

    public ReportFiles(Path dir, List<String> formats, int keep) {
        this.dir = dir;
        this.formats = formats;
        this.keep = keep;
    }

    public Path dir() {
        return dir;
    }

    /** Creates the directory (owner-only) and proves it is writable; the message names the problem. */
    public static void checkWritable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly(dir, OWNER_DIR));
        }
        Path probe = Files.createTempFile(dir, ".sre-agent-probe", ".tmp", ownerOnly(dir, OWNER_FILE));
        Files.delete(probe);
    }

    /** Writes the report in every configured format and returns the paths written. */
    public synchronized List<Path> write(Report report, long pid) throws IOException {
        checkWritable(dir);
        // Make room first, so the directory never holds more than `keep` such reports, even while this one is written.
        prune(keep - 1, pid, report.trigger().kind());
        String stem = "sre-agent-" + STAMP.format(report.generatedAt()) + "-pid" + pid + "-" + report.trigger().kind().label();
        List<Path> written = new ArrayList<>();
        for (String format : formats) {
            boolean json = format.equals("json");
            Path target = dir.resolve(stem + (json ? ".json" : ".txt"));
            writeAtomically(target, json ? report.toJson() : report.toText());
            written.add(target);
        }
        return written;
    }

    /** The path beside a written report with the same name and another extension (pruned with the report). */
    public Path companion(Path report, String extension) {
        Matcher m = NAME.matcher(report.getFileName().toString());
        if (!m.matches() || !extension.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("not a report file or extension: " + report + ", " + extension);
        }
        return report.resolveSibling(m.group(1) + "." + extension);
    }

    /** Any file the agent or its CLI writes: owner-only (whatever the umask), complete or not at all. */
    public static void writeOwnerOnly(Path target, String content) throws IOException {
        Path absolute = target.toAbsolutePath();
        writeAtomically(absolute.getParent(), absolute, content);
    }

    private void writeAtomically(Path target, String content) throws IOException {
        writeAtomically(dir, target, content);
    }

    private static void writeAtomically(Path dir, Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", ownerOnly(dir, OWNER_FILE));
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Keeps the newest {@code keep} reports (a report is all files of one stem) of this JVM and this kind of
     * trigger: another JVM's reports in a shared directory are its own to prune, and periodic reports never
     * push out a threshold or shutdown report.
     */
    void prune(int keep, long pid, Trigger.Kind kind) throws IOException {
        TreeSet<String> stems = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "sre-agent-*-pid" + pid + "-" + kind.label() + ".*")) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && m.group(2).equals(Long.toString(pid)) && m.group(3).equals(kind.label())) {
                    stems.add(m.group(1));
                    files.add(p);
                }
            }
        }
        while (stems.size() > keep) {
            String oldest = stems.pollFirst();
            for (Path p : files) {
                if (p.getFileName().toString().startsWith(oldest + ".")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir, Set<PosixFilePermission> perms) {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }
}
