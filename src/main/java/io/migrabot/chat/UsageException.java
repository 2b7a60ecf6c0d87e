package io.migrabot.chat;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

/** A command typed wrongly: answered with what is wrong and the command's usage. */
public final class UsageException extends MigrabotException {
    public UsageException(String message) {
        super(ErrorCode.USAGE, message);
    }
}
