package com.example.smoke.visit;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.LocalDate;

public interface VisitRepository extends JpaRepository<Visit, Long> {

    long countByRemindedFalseAndVisitDateBefore(LocalDate day);

    /** One statement for the whole batch, whatever the number of visits due. */
    @Modifying
    @Query("update Visit v set v.reminded = true where v.reminded = false and v.visitDate < :day")
    int markReminded(LocalDate day);
}
