package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the price catalogue file {@code rate} times a second on a background ticker, for
 * {@code seconds} (default 300):
 * <ul>
 * <li>{@code GET /leak-files?mode=held}: each read opens a stream and keeps it in the list of "recent
 * exports", never closed: descriptors pile up.</li>
 * <li>{@code GET /leak-files?mode=garbage}: each read opens a stream and drops it unclosed; it becomes
 * garbage and the JDK's Cleaner closes its descriptor at some later GC, so the process's descriptor
 * count stays flat. Each tick also builds a response buffer, so collections happen as under load.</li>
 * <li>{@code GET /read-files}: the healthy twin, the same reads in try-with-resources.</li>
 * </ul>
 */
public final class FilesScenario extends HttpServlet {
    /** Streams kept open by the held leak, capped so a forgotten run cannot exhaust the machine. */
    static final int MAX_HELD = 5000;
    private static final List<InputStream> RECENT_EXPORTS = new ArrayList<>();

    private final boolean healthy;
    private final File catalogue;

    public FilesScenario(boolean healthy) {
        this.healthy = healthy;
        this.catalogue = catalogue();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int rate = Params.intParam(request, "rate", 10, 1, 200);
        int seconds = Params.intParam(request, "seconds", 300, 1, 3600);
        String mode = healthy ? "closed" : String.valueOf(request.getParameter("mode"));
        Runnable tick = switch (mode) {
            case "held" -> this::readAndKeep;
            case "garbage" -> this::readAndDrop;
            case "closed" -> this::readAndClose;
            default -> null;
        };
        if (tick == null) {
            response.sendError(400, "mode is held or garbage");
            return;
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalogue-reader-" + mode);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                // keep ticking
            }
        }, 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
        ticker.schedule(ticker::shutdown, seconds, TimeUnit.SECONDS);
        Responses.json(response, "{\"mode\":\"" + mode + "\",\"rate\":" + rate + ",\"seconds\":" + seconds + "}");
    }

    private void readAndKeep() {
        synchronized (RECENT_EXPORTS) {
            if (RECENT_EXPORTS.size() >= MAX_HELD) {
                return;
            }
        }
        try {
            InputStream in = new FileInputStream(catalogue); // fd-leak-site
            in.read();
            synchronized (RECENT_EXPORTS) {
                RECENT_EXPORTS.add(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readAndDrop() {
        try {
            InputStream in = new FileInputStream(catalogue); // fd-leak-garbage-site
            in.read();
            byte[] responseBuffer = new byte[256 * 1024];
            responseBuffer[in.available() % responseBuffer.length] = 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readAndClose() {
        try (InputStream in = new FileInputStream(catalogue)) { // fd-healthy-site
            in.read();
            byte[] responseBuffer = new byte[256 * 1024];
            responseBuffer[in.available() % responseBuffer.length] = 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File catalogue() {
        try {
            File f = File.createTempFile("shop-catalogue-", ".dat");
            f.deleteOnExit();
            try (FileOutputStream out = new FileOutputStream(f)) {
                out.write(new byte[4096]);
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
