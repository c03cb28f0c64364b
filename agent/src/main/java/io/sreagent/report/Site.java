package io.sreagent.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The application frame held responsible for a finding. */
public record Site(String className, String method, String file, int line) {

    public static Site of(StackTraceElement frame) {
        return new Site(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class", className);
        m.put("method", method);
        m.put("file", file);
        m.put("line", line);
        return m;
    }

    /** Reads like a stack frame: {@code com.acme.Orders.load(Orders.java:42)}, or {@code (line 42)} when the file is unknown (JFR frames). */
    @Override
    public String toString() {
        String where = file != null ? file + (line > 0 ? ":" + line : "") : line > 0 ? "line " + line : "Unknown Source";
        return className + "." + method + "(" + where + ")";
    }
}
