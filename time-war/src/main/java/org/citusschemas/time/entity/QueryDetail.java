package org.citusschemas.time.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code query_details}: who asked for the time, and when. */
@Entity
@Table(name = "query_details")
public class QueryDetail {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** An {@code inet} column: PostgreSQL parses and checks the address. */
    @Column(name = "ip_address", nullable = false)
    @ColumnTransformer(read = "host(ip_address)", write = "cast(? as inet)")
    private String ipAddress;

    @Column(name = "query_time", nullable = false)
    private LocalDateTime queryTime;

    protected QueryDetail() {}

    public QueryDetail(String ipAddress, LocalDateTime queryTime) {
        this.ipAddress = ipAddress;
        this.queryTime = queryTime;
    }

    public Long getId() {
        return id;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public LocalDateTime getQueryTime() {
        return queryTime;
    }
}
