package org.citusschemas.ping.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code ping_results}: the host pinged and what ping printed. */
@Entity
@Table(name = "ping_results")
public class PingResult {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 255)
    private String host;

    @Column(nullable = false, columnDefinition = "text")
    private String result;

    protected PingResult() {}

    public PingResult(String host, String result) {
        this.host = host;
        this.result = result;
    }

    public Long getId() {
        return id;
    }

    public String getHost() {
        return host;
    }

    public String getResult() {
        return result;
    }
}
