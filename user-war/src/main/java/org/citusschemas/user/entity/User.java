package org.citusschemas.user.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A row of {@code users}: what the service stores and what it answers with. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.ALL, query = "SELECT u FROM User u ORDER BY u.id")
@NamedQuery(name = User.PAGE, query = "SELECT u FROM User u WHERE u.id > :after ORDER BY u.id")
public class User {

    public static final String ALL = "User.all";
    public static final String PAGE = "User.page";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(nullable = false, length = 255)
    private String email;

    protected User() {
    }

    public User(String name, String email) {
        this.name = name;
        this.email = email;
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
