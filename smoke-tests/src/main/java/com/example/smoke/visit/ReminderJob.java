package com.example.smoke.visit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/** Sends the reminders for visits coming up in the next week, every few seconds. */
@Component
public class ReminderJob {
    private final VisitRepository visits;
    private final AtomicLong runs = new AtomicLong();

    public ReminderJob(VisitRepository visits) {
        this.visits = visits;
    }

    @Scheduled(fixedDelayString = "${smoke.reminders.every:3s}", initialDelayString = "${smoke.reminders.every:3s}")
    @Transactional
    public void sendReminders() {
        LocalDate horizon = LocalDate.now().plusDays(7);
        if (visits.countByRemindedFalseAndVisitDateBefore(horizon) > 0) {
            visits.markReminded(horizon);
        }
        runs.incrementAndGet();
    }

    public long runs() {
        return runs.get();
    }
}
