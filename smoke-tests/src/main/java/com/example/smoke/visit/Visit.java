package com.example.smoke.visit;

import com.example.smoke.owner.Pet;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

import java.time.LocalDate;

@Entity
public class Visit {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Pet pet;
    private LocalDate visitDate;
    private String reason;
    private boolean reminded;

    protected Visit() {
    }

    public Visit(Pet pet, LocalDate day, String reason) {
        this.pet = pet;
        this.visitDate = day;
        this.reason = reason;
    }

    public Long getId() {
        return id;
    }

    public LocalDate getVisitDate() {
        return visitDate;
    }

    public String getReason() {
        return reason;
    }

    public boolean isReminded() {
        return reminded;
    }
}
