package io.sreagent.it.apps;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens a file every 20 ms and never closes it (the stream stays reachable, so GC cannot close it either). */
public final class FileHandleLeakApp {
    private static final List<FileInputStream> LEAKED = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("fd-leak", ".txt");
        file.toFile().deleteOnExit();
        System.out.println("fd-leak ready");
        for (int i = 0; i < 3000; i++) {
            LEAKED.add(new FileInputStream(file.toFile()));
            Thread.sleep(20);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
