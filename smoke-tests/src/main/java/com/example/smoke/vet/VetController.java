package com.example.smoke.vet;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * The vet list comes from a "directory" service over HTTP, as it would in a split system; here the
 * directory is served by this same app, so the outbound call stays on loopback.
 */
@RestController
public class VetController {
    public record VetView(long id, String name, String specialty) {
    }

    private final VetRepository vets;
    private final RestClient.Builder builder;
    private final String directoryUrl;
    private volatile RestClient directory;

    public VetController(VetRepository vets, RestClient.Builder builder,
                         @Value("${smoke.directory.url:}") String directoryUrl) {
        this.vets = vets;
        this.builder = builder;
        this.directoryUrl = directoryUrl;
    }

    @GetMapping("/vets")
    public List<VetView> vets(jakarta.servlet.http.HttpServletRequest request) {
        return directory(request.getLocalPort()).get().uri("/directory/vets").retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<List<VetView>>() { });
    }

    @GetMapping("/directory/vets")
    public List<VetView> directoryVets() {
        return vets.findAll().stream().map(v -> new VetView(v.getId(), v.getName(), v.getSpecialty())).toList();
    }

    /** Built on first use: with server.port=0 the port is known only once Tomcat has bound it. */
    private RestClient directory(int localPort) {
        RestClient c = directory;
        if (c == null) {
            // Both time-outs set: a call with none would wait for ever on a stuck directory.
            JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
            factory.setReadTimeout(Duration.ofSeconds(5));
            String base = directoryUrl.isEmpty() ? "http://127.0.0.1:" + localPort : directoryUrl;
            c = directory = builder.clone().baseUrl(base).requestFactory(factory).build();
        }
        return c;
    }
}
