package io.migrabot.config;

/**
 * Where {@code migrabot run} serves {@code /healthz} and {@code /metrics} (the {@code http} key).
 *
 * @param bind the address to listen on: {@code 0.0.0.0} for every interface, {@code 127.0.0.1} for this machine
 */
public record HttpSettings(String bind, int port) {
    public static final String DEFAULT_BIND = "127.0.0.1";

    @Override
    public String toString() {
        return (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + port;
    }
}
