package com.example.smoke;

import com.example.smoke.owner.Owner;
import com.example.smoke.owner.OwnerRepository;
import com.example.smoke.owner.Pet;
import com.example.smoke.vet.Vet;
import com.example.smoke.vet.VetRepository;
import com.example.smoke.visit.Visit;
import com.example.smoke.visit.VisitRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A fixed data set: owners 1 to 50 with two pets each, a visit per pet, six vets. */
@Component
public class SeedData implements ApplicationRunner {
    static final String[] LAST = {"Adler", "Baker", "Castro", "Dumas", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen"};
    static final String[] FIRST = {"Ana", "Ben", "Chloe", "Dev", "Eli"};
    static final String[] CITIES = {"Lyon", "Porto", "Graz", "Turku"};

    private final OwnerRepository owners;
    private final VetRepository vets;
    private final VisitRepository visits;

    public SeedData(OwnerRepository owners, VetRepository vets, VisitRepository visits) {
        this.owners = owners;
        this.vets = vets;
        this.visits = visits;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (owners.count() > 0) {
            return;
        }
        List<Owner> made = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Owner o = new Owner(FIRST[i % FIRST.length], LAST[i % LAST.length], CITIES[i % CITIES.length]);
            o.adopt("Rex " + i, "dog");
            o.adopt("Tom " + i, "cat");
            made.add(o);
        }
        owners.saveAll(made);
        List<Visit> due = new ArrayList<>();
        for (Owner o : made) {
            for (Pet p : o.getPets()) {
                due.add(new Visit(p, LocalDate.now().plusDays(p.getId() % 14), "check-up"));
            }
        }
        visits.saveAll(due);
        vets.saveAll(List.of(new Vet("Dr. Moreau", "surgery"), new Vet("Dr. Okafor", "dentistry"),
                new Vet("Dr. Lind", "radiology"), new Vet("Dr. Sato", "none"),
                new Vet("Dr. Varga", "surgery"), new Vet("Dr. Wu", "cardiology")));
    }
}
