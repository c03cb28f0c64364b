package com.example.smoke.owner;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface OwnerRepository extends JpaRepository<Owner, Long> {

    /** One query for the owner and the pets the page shows, not one more per pet. */
    @Query("select distinct o from Owner o left join fetch o.pets where o.id = :id")
    Optional<Owner> findWithPets(Long id);

    List<Owner> findByLastNameStartingWithIgnoreCaseOrderByLastNameAscFirstNameAsc(String lastName, Pageable page);
}
