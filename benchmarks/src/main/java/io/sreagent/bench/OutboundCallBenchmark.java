package io.sreagent.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One outbound HTTP call per client library, the cost the agent adds to each. Apache HttpClient 5 and
 * OkHttp answer from an interceptor with a canned response: the whole instrumented path runs (the
 * client's execute, the advice, the telemetry) but no socket, so the difference is not lost in
 * loopback noise. The JDK clients have no such hook: they make a keep-alive call to an in-process
 * JDK HttpServer on loopback (whose inbound instrumentation is then in the with-agent row too).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class OutboundCallBenchmark {
    private static final byte[] BODY = "ok".getBytes();

    static {
        // The JDK server writes the response head and body separately: without this, Nagle's algorithm and
        // the client's delayed ACK make every keep-alive call wait about 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private CloseableHttpClient apache;
    private HttpGet apacheGet;
    private OkHttpClient okHttp;
    private Request okRequest;
    private HttpServer server;
    private HttpClient jdk;
    private HttpRequest jdkRequest;
    private URL url;

    @Setup
    public void setUp() throws IOException {
        AgentCheck.awaitAgent();
        apache = HttpClients.custom()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(5)).build())
                .addExecInterceptorFirst("canned", (request, scope, chain) -> new BasicClassicHttpResponse(200))
                .build();
        apacheGet = new HttpGet("http://upstream.invalid:8080/price");
        okHttp = new OkHttpClient.Builder()
                .addInterceptor(chain -> new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
                        .code(200).message("OK").body(ResponseBody.create(BODY, null)).build())
                .build();
        okRequest = new Request.Builder().url("http://upstream.invalid:8080/price").build();

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/price", e -> {
            e.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/price";
        jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        jdkRequest = HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(5)).build();
        url = new URL(base);
    }

    @TearDown
    public void tearDown() throws IOException {
        AgentCheck.printMetrics("external");
        apache.close();
        server.stop(0);
    }

    @Benchmark
    public int apacheHttpClient5Canned() throws IOException {
        return apache.execute(apacheGet, response -> response.getCode());
    }

    @Benchmark
    public int okHttpCanned() throws IOException {
        try (Response response = okHttp.newCall(okRequest).execute()) {
            return response.code();
        }
    }

    @Benchmark
    public int jdkHttpClientLoopback() throws IOException, InterruptedException {
        return jdk.send(jdkRequest, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Benchmark
    public int httpUrlConnectionLoopback() throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes(); // read to the end so the connection goes back to the keep-alive cache
            return c.getResponseCode();
        }
    }

    @Fork(1)
    public static class WithoutAgent extends OutboundCallBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
    public static class WithAgent extends OutboundCallBenchmark {
    }
}
