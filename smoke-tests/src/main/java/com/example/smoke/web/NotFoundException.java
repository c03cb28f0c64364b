package com.example.smoke.web;

/** A row the request names does not exist: a 404, not a fault. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " not found");
    }
}
