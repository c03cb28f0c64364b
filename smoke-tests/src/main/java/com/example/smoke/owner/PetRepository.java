package com.example.smoke.owner;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PetRepository extends JpaRepository<Pet, Long> {
    long countByOwnerId(Long ownerId);
}
