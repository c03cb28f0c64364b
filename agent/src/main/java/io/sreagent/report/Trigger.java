package io.sreagent.report;

/** Why a report was made. {@code kind} is also the last part of a report file's name. */
public record Trigger(Kind kind, String reason) {

    public enum Kind {
        ON_DEMAND("on-demand"), PERIODIC("periodic"), THRESHOLD("threshold"), SHUTDOWN("shutdown");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
