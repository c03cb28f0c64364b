package io.sreagent.it.apps;

import okhttp3.RealCall;

/** Makes calls through a class the agent's OkHttp weaving matches but cannot rewrite (see okhttp3.RealCall). */
public final class IncompatibleOkHttpApp {
    public static void main(String[] args) throws Exception {
        RealCall call = new RealCall("http://127.0.0.1:1/");
        long end = System.currentTimeMillis() + 120_000;
        boolean announced = false;
        while (System.currentTimeMillis() < end) {
            String answer = call.getResponseWithInterceptorChain();
            if (!announced) {
                System.out.println("incompatible-okhttp ready: " + answer);
                announced = true;
            }
            Thread.sleep(100);
        }
    }
}
