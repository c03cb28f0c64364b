package com.example.smoke.owner;

import com.example.smoke.web.NotFoundException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Owners and their pets, turned into answers inside the transaction (open-in-view is off). */
@Service
public class OwnerService {
    private final OwnerRepository owners;
    private final PetRepository pets;

    public OwnerService(OwnerRepository owners, PetRepository pets) {
        this.owners = owners;
        this.pets = pets;
    }

    public record PetView(long id, String name, String kind) {
    }

    public record OwnerView(long id, String firstName, String lastName, String city, List<PetView> pets) {
    }

    public record OwnerSummary(long id, String firstName, String lastName, String city) {
    }

    @Transactional(readOnly = true)
    public OwnerView owner(long id) {
        Owner o = owners.findWithPets(id).orElseThrow(() -> new NotFoundException("owner " + id));
        return new OwnerView(o.getId(), o.getFirstName(), o.getLastName(), o.getCity(),
                o.getPets().stream().map(p -> new PetView(p.getId(), p.getName(), p.getKind())).toList());
    }

    @Transactional(readOnly = true)
    public List<OwnerSummary> byLastName(String prefix) {
        return owners.findByLastNameStartingWithIgnoreCaseOrderByLastNameAscFirstNameAsc(prefix, PageRequest.of(0, 20)).stream()
                .map(o -> new OwnerSummary(o.getId(), o.getFirstName(), o.getLastName(), o.getCity())).toList();
    }

    @Transactional
    public PetView addPet(long ownerId, String name, String kind) {
        Owner o = owners.findById(ownerId).orElseThrow(() -> new NotFoundException("owner " + ownerId));
        Pet p = pets.save(o.adopt(name, kind));
        return new PetView(p.getId(), p.getName(), p.getKind());
    }
}
