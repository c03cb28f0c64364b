package com.example.smoke.web;

import com.example.smoke.owner.OwnerService;
import com.example.smoke.owner.PetRepository;
import com.example.smoke.owner.OwnerService.OwnerSummary;
import com.example.smoke.owner.OwnerService.OwnerView;
import com.example.smoke.owner.OwnerService.PetView;
import com.example.smoke.visit.BillingService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class OwnerController {
    public record NewPet(@NotBlank @Size(max = 40) String name, @NotBlank @Size(max = 20) String kind) {
    }

    private final OwnerService owners;
    private final PetRepository pets;
    private final BillingService billing;

    public OwnerController(OwnerService owners, PetRepository pets, BillingService billing) {
        this.owners = owners;
        this.pets = pets;
        this.billing = billing;
    }

    @GetMapping("/owners/{id}")
    public OwnerView owner(@PathVariable long id) {
        return owners.owner(id);
    }

    @GetMapping("/owners")
    public List<OwnerSummary> byLastName(@RequestParam(defaultValue = "") String lastName) {
        return owners.byLastName(lastName);
    }

    @PostMapping("/owners/{id}/pets")
    @ResponseStatus(HttpStatus.CREATED)
    public PetView addPet(@PathVariable long id, @Valid @RequestBody NewPet pet) {
        return owners.addPet(id, pet.name(), pet.kind());
    }

    /** Several pets at once: the IN list has as many placeholders as ids, one statement shape for all. */
    @GetMapping("/pets")
    public List<PetView> pets(@RequestParam List<Long> ids) {
        return pets.findAllById(ids).stream().map(p -> new PetView(p.getId(), p.getName(), p.getKind())).toList();
    }

    @GetMapping("/visits/{id}/invoice")
    public BillingService.Invoice invoice(@PathVariable long id) {
        return billing.invoice(id);
    }
}
