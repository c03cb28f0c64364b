package com.example.smoke.visit;

import com.example.smoke.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invoices for visits. Every tenth visit was booked before the billing system moved, and the old system
 * that holds those invoices is offline: asking for one is a fault the caller cannot fix, hence a 500.
 */
@Service
public class BillingService {
    private final VisitRepository visits;

    public BillingService(VisitRepository visits) {
        this.visits = visits;
    }

    public record Invoice(long visitId, String reason, int amountCents) {
    }

    @Transactional(readOnly = true)
    public Invoice invoice(long visitId) {
        Visit v = visits.findById(visitId).orElseThrow(() -> new NotFoundException("visit " + visitId));
        if (v.getId() % 10 == 0) {
            throw new BillingUnavailableException("legacy billing is offline, no invoice for visit " + v.getId()); // smoke-error-site
        }
        return new Invoice(v.getId(), v.getReason(), 4500);
    }
}
