package com.example.smoke;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The app's own tests: the whole context, real Hibernate on H2, requests through MockMvc. */
@SpringBootTest
@AutoConfigureMockMvc
class OwnerApiTests {
    @Autowired
    MockMvc mvc;

    @Test
    void anOwnerComesWithPets() throws Exception {
        mvc.perform(get("/owners/7")).andExpect(status().isOk())
                .andExpect(jsonPath("$.lastName").value("Garcia"))
                .andExpect(jsonPath("$.pets.length()").value(2));
    }

    @Test
    void ownersAreFoundByTheStartOfTheirLastName() throws Exception {
        mvc.perform(get("/owners").param("lastName", "bak")).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(5))
                .andExpect(jsonPath("$[0].lastName").value("Baker"));
    }

    @Test
    void aNewPetIsCreatedAndAnInvalidOneRefused() throws Exception {
        mvc.perform(post("/owners/3/pets").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Kiwi\",\"kind\":\"bird\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.name").value("Kiwi"));
        mvc.perform(post("/owners/3/pets").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"kind\":\"bird\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void petsAreReadByIds() throws Exception {
        mvc.perform(get("/pets").param("ids", "1,2,5")).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(3));
    }

    @Test
    void missingRowsAre404AndBillingDownIs500() throws Exception {
        mvc.perform(get("/owners/9999")).andExpect(status().isNotFound());
        mvc.perform(get("/visits/9/invoice")).andExpect(status().isOk()).andExpect(jsonPath("$.amountCents").value(4500));
        mvc.perform(get("/visits/10/invoice")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value("billing is unavailable, try again later"));
    }
}
