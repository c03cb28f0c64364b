package okhttp3;

/**
 * Stands in for an OkHttp release the agent does not know: the class and method the agent hooks are
 * there (OkHttp 3.x names), but not the fields its advice reads, as a release that renamed them would be.
 */
public final class RealCall {
    private final String url;

    public RealCall(String url) {
        this.url = url;
    }

    public String getResponseWithInterceptorChain() {
        return "response from " + url;
    }
}
