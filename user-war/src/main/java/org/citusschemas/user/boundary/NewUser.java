package org.citusschemas.user.boundary;

import jakarta.validation.constraints.Email;
import org.citusschemas.user.entity.User;

/** One user of a {@code POST /users} batch. The limits are the columns' own. */
public record NewUser(
        @ColumnText String name, @ColumnText @Email String email) {

    User toUser() {
        return new User(name, email);
    }
}
