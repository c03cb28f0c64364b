package com.example.smoke;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.ArrayList;
import java.util.List;

/** A small pet-care back office: owners, pets, visits and a vet directory served over HTTP. */
@SpringBootApplication
@EnableScheduling
public class SmokeApplication {

    public static void main(String[] args) {
        SpringApplication.run(SmokeApplication.class, portArgs(args));
    }

    /** The project's test rigs pass {@code --port N}; Spring reads {@code --server.port=N}. */
    static String[] portArgs(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                out.add("--server.port=" + args[++i]);
            } else {
                out.add(args[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    /** The line the rigs wait for: printed once the app is ready, with the port Tomcat really bound. */
    @EventListener(ApplicationReadyEvent.class)
    public void announce(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        System.out.println("smoke app listening on port " + env.getProperty("local.server.port"));
    }
}
