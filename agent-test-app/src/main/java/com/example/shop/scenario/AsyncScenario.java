package com.example.shop.scenario;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** {@code GET /async}: a healthy asynchronous servlet, answered from another thread after the handler returned. */
public final class AsyncScenario extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        AsyncContext async = request.startAsync();
        CompletableFuture.runAsync(() -> {
            try {
                Responses.text((HttpServletResponse) async.getResponse(), HttpServletResponse.SC_OK, "async ok");
            } catch (IOException e) {
                ((HttpServletResponse) async.getResponse()).setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            } finally {
                async.complete();
            }
        });
    }
}
