package com.example.smoke.visit;

/** A domain failure: the billing system did not answer. The controller advice turns it into a 500. */
public class BillingUnavailableException extends RuntimeException {
    public BillingUnavailableException(String message) {
        super(message);
    }
}
