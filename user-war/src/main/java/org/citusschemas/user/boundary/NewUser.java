package org.citusschemas.user.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.citusschemas.user.entity.User;

/** One user of a {@code POST /users} batch. The limits are the columns' own. */
public record NewUser(
        @NotBlank @Size(max = 255) String name,
        @NotBlank @Size(max = 255) @Email String email) {

    User toUser() {
        return new User(name, email);
    }
}
