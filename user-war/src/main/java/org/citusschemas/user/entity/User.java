package org.citusschemas.user.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A row of {@code users}: what the service stores and what it answers with. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.PAGE, query = "SELECT u FROM User u WHERE u.id > :after ORDER BY u.id")
public class User {

    public static final String PAGE = "User.page";

    /**
     * From the table's own sequence (the serial column's {@code users_id_seq}), assigned by
     * {@link org.citusschemas.user.control.UserDirectory} for a whole batch at once: Hibernate
     * cannot send IDENTITY inserts as one JDBC batch, since it reads each generated id back.
     */
    @Id
    private Long id;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(nullable = false, length = 255)
    private String email;

    protected User() {}

    public User(String name, String email) {
        this.name = name;
        this.email = email;
    }

    /** Gives a new user the id it is stored under; once. */
    public void assignId(long id) {
        if (this.id != null) {
            throw new IllegalStateException("user " + this.id + " already has an id");
        }
        this.id = id;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }
}
