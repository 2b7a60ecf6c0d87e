package io.migrabot.telegram;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.Secret;
import org.telegram.telegrambots.meta.TelegramUrl;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Which Bot API server to talk to, as which bot. The base URL is Telegram's own unless a self-hosted Bot API server
 * (or a test's fake) is named; telegrambots builds every URL from its scheme, host and port alone, so a base URL
 * with a path is refused here rather than silently ignored.
 *
 * @param token   the bot token from @BotFather; it is part of every request URL, so it is masked wherever text
 *                leaves this package
 * @param baseUrl {@code http} or {@code https}, a host and an optional port, no path
 */
public record TelegramEndpoint(Secret token, URI baseUrl) {
    /** Telegram's own Bot API server. */
    public static final URI OFFICIAL = URI.create("https://api.telegram.org");

    public TelegramEndpoint {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (token.isEmpty() || !token.reveal().matches("[^\\s/?#%]+")) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "the Telegram bot token is empty or holds spaces, "
                    + "'/', '?', '#' or '%'; copy it from @BotFather again");
        }
        String scheme = String.valueOf(baseUrl.getScheme());
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        if (!(scheme.equals("https") || scheme.equals("http")) || baseUrl.getHost() == null
                || baseUrl.getRawUserInfo() != null || !(path.isEmpty() || path.equals("/"))
                || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "the Telegram Bot API URL must be "
                    + "http(s)://HOST[:PORT] with no path, user or query, like " + OFFICIAL + "; got " + baseUrl);
        }
    }

    /** Telegram's own server. */
    public static TelegramEndpoint official(Secret token) {
        return new TelegramEndpoint(token, OFFICIAL);
    }

    /**
     * A number that tells this bot token from others without revealing it (the first 8 bytes of its SHA-256):
     * Telegram's update ids are only unique per token.
     */
    public long poller() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    TelegramUrl telegramUrl() {
        int port = baseUrl.getPort() >= 0 ? baseUrl.getPort() : baseUrl.getScheme().equals("https") ? 443 : 80;
        return new TelegramUrl(baseUrl.getScheme(), baseUrl.getHost(), port, false);
    }

    /** {@code text} with the token masked; {@code null} stays {@code null}. */
    String scrub(String text) {
        return text == null ? null : text.replace(token.reveal(), token.toString());
    }
}
