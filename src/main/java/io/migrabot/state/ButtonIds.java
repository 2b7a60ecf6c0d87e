package io.migrabot.state;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The ids buttons carry (approval requests, the doctor's fixes, drift alerts): 16 random bytes in URL-safe Base64,
 * 22 characters, so a press cannot be forged by guessing and fits Telegram's 64-byte button data with any short
 * prefix. A press's id is looked up only when it has this shape.
 */
public final class ButtonIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private ButtonIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} could have come from {@link #next()}; anything else is forged and not looked up. */
    public static boolean wellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
