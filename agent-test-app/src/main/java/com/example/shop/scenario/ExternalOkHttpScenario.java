package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code GET /external-okhttp/<mode>}: calls the upstream with OkHttp:
 * <ul>
 *   <li>{@code ok}: {@code /ok} with a client of OkHttp's defaults (10 s connect and read time-outs);</li>
 *   <li>{@code async}: the same with {@code enqueue}, waiting for the callback;</li>
 *   <li>{@code slow}: {@code /slow} with a 5 s call time-out;</li>
 *   <li>{@code flaky}: {@code /flaky} (429, 503, hangs) with a 1 s read time-out; degrades to a fallback;</li>
 *   <li>{@code no-timeout}: {@code /ok} with a client whose read time-out is 0, i.e. infinite.</li>
 * </ul>
 */
public final class ExternalOkHttpScenario extends HttpServlet {
    private final transient Optional<URI> upstream;
    private final transient OkHttpClient defaults = new OkHttpClient();
    private final transient OkHttpClient bounded = defaults.newBuilder().callTimeout(5, TimeUnit.SECONDS).build();
    private final transient OkHttpClient failFast = defaults.newBuilder().readTimeout(1, TimeUnit.SECONDS).build();
    private final transient OkHttpClient patient = defaults.newBuilder().readTimeout(0, TimeUnit.SECONDS).build();

    public ExternalOkHttpScenario(Optional<URI> upstream) {
        this.upstream = upstream;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String mode = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String path = switch (mode) {
            case "ok", "async", "no-timeout" -> "/ok";
            case "slow" -> "/slow";
            case "flaky" -> "/flaky";
            default -> null;
        };
        if (path == null) {
            Responses.text(response, HttpServletResponse.SC_NOT_FOUND, "modes: ok, async, slow, flaky, no-timeout");
            return;
        }
        URI uri = Upstream.uri(upstream, path, response);
        if (uri == null) {
            return;
        }
        Request call = new Request.Builder().url(uri.toString()).build();
        String body = switch (mode) {
            case "async" -> async(call);
            case "slow" -> slow(call);
            case "flaky" -> flaky(call);
            case "no-timeout" -> noTimeout(call);
            default -> ok(call);
        };
        Responses.text(response, HttpServletResponse.SC_OK, body);
    }

    private String ok(Request call) throws IOException {
        try (Response r = defaults.newCall(call).execute()) {
            return "upstream answered " + status(r);
        }
    }

    private String slow(Request call) throws IOException {
        try (Response r = bounded.newCall(call).execute()) { // okhttp-slow-site
            return "upstream answered " + status(r);
        }
    }

    private String flaky(Request call) {
        try (Response r = failFast.newCall(call).execute()) { // okhttp-flaky-site
            int status = status(r);
            return status == 200 ? "upstream ok" : "fallback after upstream status " + status;
        } catch (IOException e) {
            return "fallback after " + e.getClass().getSimpleName();
        }
    }

    private String noTimeout(Request call) throws IOException {
        try (Response r = patient.newCall(call).execute()) { // okhttp-no-timeout-site
            return "upstream answered " + status(r);
        }
    }

    private String async(Request call) throws IOException {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        defaults.newCall(call).enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response r) {
                try (r) {
                    answer.complete(r.code());
                }
            }

            @Override
            public void onFailure(Call c, IOException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return "upstream answered " + answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** Reads the whole answer. */
    private static int status(Response r) throws IOException {
        r.body().bytes();
        return r.code();
    }

    @Override
    public void destroy() {
        defaults.dispatcher().executorService().shutdown();
        defaults.connectionPool().evictAll();
    }
}
