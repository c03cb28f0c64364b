package com.example.smoke;

import com.example.smoke.visit.ReminderJob;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On a real Tomcat: /vets calls the directory through RestClient; the reminder job runs on its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "smoke.reminders.every=200ms")
class VetsOverHttpTests {
    @LocalServerPort
    int port;

    @Autowired
    ReminderJob reminders;

    @Test
    @SuppressWarnings("unchecked")
    void vetsComeFromTheDirectoryOverHttp() {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        factory.setReadTimeout(Duration.ofSeconds(10));
        RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + port).requestFactory(factory).build();
        List<Map<String, Object>> vets = client.get().uri("/vets").retrieve().body(List.class);
        assertThat(vets).hasSize(6);
        assertThat(vets.get(0)).containsEntry("name", "Dr. Moreau");
    }

    @Test
    void theReminderJobRuns() {
        await().atMost(Duration.ofSeconds(10)).until(() -> reminders.runs() >= 2);
    }
}
