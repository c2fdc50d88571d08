package org.citusschemas.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Citus coordinator and two workers as containers of the official image (Testcontainers), on a
 * Docker network of their own, where the workers are known by their network names (coordinator,
 * worker1, worker2) as Citus registers them. The host reaches each node only through its port
 * published on 127.0.0.1 (the coordinator on the test cluster's port, the workers on the next
 * two), fixed so that a node stopped and started again keeps its address for the pools.
 *
 * <p>The image: {@code CITUS_IMAGE} from the environment, else the project's default line
 * ({@code citus.default.image} in server-config/citus.properties, which the build passes as a
 * system property of that name). Closing removes the containers, their volumes and the network.
 */
public final class CitusContainers implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final List<String> NODES = List.of("coordinator", "worker1", "worker2");
    /** Every container of a test cluster carries it, so a run killed before it cleaned up is swept by the next. */
    static final String LABEL = "org.citusschemas.test-cluster";

    private final Network network;
    private final Map<String, PostgreSQLContainer> nodes = new LinkedHashMap<>();

    private CitusContainers(Network network) {
        this.network = network;
    }

    public static String image() {
        String image = System.getenv("CITUS_IMAGE");
        if (image != null && !image.isBlank()) {
            return image;
        }
        String line = System.getProperty("citus.default.image");
        if (line == null || line.isBlank()) {
            throw new IllegalStateException("no Citus image named: set CITUS_IMAGE, or run the tests through Maven, "
                    + "which passes server-config/citus.properties' citus.default.image");
        }
        return line;
    }

    /** Why containers cannot be had here, or null when Docker answers and the image is there or was pulled. */
    public static String unavailableBecause() {
        try {
            image();
        } catch (IllegalStateException noImageNamed) {
            return noImageNamed.getMessage();
        }
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return "no Docker daemon answers Testcontainers (Debian: apt-get install docker.io, then start dockerd; "
                        + "without a registry see TESTCONTAINERS_RYUK_DISABLED in docs/testing.md)";
            }
            DockerClient docker = DockerClientFactory.instance().client();
            try {
                docker.inspectImageCmd(image()).exec();
                return null;
            } catch (NotFoundException absent) {
                System.out.println("[test cluster] pulling " + image());
                try {
                    boolean pulled = docker.pullImageCmd(image()).start().awaitCompletion(10, TimeUnit.MINUTES);
                    return pulled ? null : "pulling " + image() + " took over 10 minutes";
                } catch (RuntimeException e) {
                    return image() + " is not on this machine and cannot be pulled (" + e.getMessage() + ")";
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for Docker";
        } catch (RuntimeException e) {
            return "Docker did not answer Testcontainers (" + e.getMessage() + ")";
        }
    }

    /** Starts the three nodes, each with this superuser password, the database created by the image. */
    static CitusContainers start(int port, String database, String superuserPassword) {
        sweepLeftovers(port);
        CitusContainers cluster = new CitusContainers(Network.builder()
                .createNetworkCmdModifier(create -> {
                    Map<String, String> labels = new LinkedHashMap<>();
                    if (create.getLabels() != null) {
                        labels.putAll(create.getLabels());
                    }
                    labels.put(LABEL, String.valueOf(port));
                    create.withLabels(labels);
                })
                .build());
        try {
            for (int i = 0; i < NODES.size(); i++) {
                String name = NODES.get(i);
                int hostPort = port + i;
                PostgreSQLContainer node = new PostgreSQLContainer(
                                DockerImageName.parse(image()).asCompatibleSubstituteFor("postgres"))
                        .withNetwork(cluster.network)
                        .withNetworkAliases(name)
                        .withDatabaseName(database)
                        .withUsername("postgres")
                        .withPassword(superuserPassword)
                        .withLabel(LABEL, String.valueOf(port))
                        // Logical decoding lets Citus move a schema while it keeps taking writes.
                        .withCommand(
                                "postgres", "-c", "wal_level=logical", "-c", "max_connections=200", "-c", "fsync=off")
                        .withStartupTimeout(Duration.ofMinutes(2))
                        .withCreateContainerCmdModifier(create -> {
                            create.withHostName(name);
                            create.getHostConfig()
                                    .withPublishAllPorts(false)
                                    .withPortBindings(new PortBinding(
                                            Ports.Binding.bindIpAndPort(HOST, hostPort), ExposedPort.tcp(5432)));
                        });
                cluster.nodes.put(name, node);
            }
            cluster.nodes.values().parallelStream().forEach(PostgreSQLContainer::start);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Containers and the network of an earlier run on the same port that died before it could remove them. */
    private static void sweepLeftovers(int port) {
        DockerClient docker = DockerClientFactory.instance().client();
        Map<String, String> label = Map.of(LABEL, String.valueOf(port));
        for (Container leftover : docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(label)
                .exec()) {
            System.out.println(
                    "[test cluster] removing " + String.join(",", leftover.getNames()) + ", left by an earlier run");
            docker.removeContainerCmd(leftover.getId())
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec();
        }
        for (var network : docker.listNetworksCmd()
                .withFilter("label", List.of(LABEL + "=" + port))
                .exec()) {
            System.out.println("[test cluster] removing network " + network.getName() + ", left by an earlier run");
            docker.removeNetworkCmd(network.getId()).exec();
        }
    }

    private String id(String node) {
        PostgreSQLContainer container = nodes.get(node);
        if (container == null) {
            throw new IllegalArgumentException("no node '" + node + "' (the nodes: " + NODES + ")");
        }
        return container.getContainerId();
    }

    /** Stops a node as a failed host would stop: its connections close, its name stops resolving. */
    public void stop(String node) {
        DockerClientFactory.instance()
                .client()
                .stopContainerCmd(id(node))
                .withTimeout(30)
                .exec();
    }

    /** Starts a stopped node again, with its data, on the same published port. */
    public void start(String node) {
        DockerClient docker = DockerClientFactory.instance().client();
        String id = id(node);
        var state = docker.inspectContainerCmd(id).exec().getState();
        if (Boolean.TRUE.equals(state.getPaused())) {
            docker.unpauseContainerCmd(id).exec();
        } else if (!Boolean.TRUE.equals(state.getRunning())) {
            docker.startContainerCmd(id).exec();
        }
    }

    /** Freezes a node: its connections stay open and nothing answers on them (docker pause). */
    public void pause(String node) {
        DockerClientFactory.instance().client().pauseContainerCmd(id(node)).exec();
    }

    public void unpause(String node) {
        DockerClientFactory.instance().client().unpauseContainerCmd(id(node)).exec();
    }

    /**
     * Cuts a node off the cluster's network (docker network disconnect) while it keeps running: the
     * other nodes' packets to it go nowhere and its name stops resolving; its port on the host
     * stays published, so a test still reaches it directly.
     */
    public void disconnect(String node) {
        DockerClientFactory.instance()
                .client()
                .disconnectFromNetworkCmd()
                .withContainerId(id(node))
                .withNetworkId(network.getId())
                .exec();
    }

    /** Connects a node cut off by {@link #disconnect} again, under its name on the network. */
    public void reconnect(String node) {
        DockerClient docker = DockerClientFactory.instance().client();
        var networks =
                docker.inspectContainerCmd(id(node)).exec().getNetworkSettings().getNetworks();
        boolean connected =
                networks.values().stream().anyMatch(n -> network.getId().equals(n.getNetworkID()));
        if (!connected) {
            docker.connectToNetworkCmd()
                    .withContainerId(id(node))
                    .withNetworkId(network.getId())
                    .withContainerNetwork(new ContainerNetwork().withAliases(node))
                    .exec();
        }
    }

    /** The port on 127.0.0.1 where the host reaches a node (the coordinator's, then the workers'). */
    public int hostPort(String node) {
        return nodes.get(node).getMappedPort(5432);
    }

    @Override
    public void close() {
        nodes.values().forEach(node -> {
            try {
                node.stop();
            } catch (RuntimeException e) {
                System.err.println("[test cluster] could not remove " + node.getContainerName() + ": " + e);
            }
        });
        network.close();
    }
}
