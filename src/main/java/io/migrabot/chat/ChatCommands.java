package io.migrabot.chat;

import java.util.ArrayList;
import java.util.List;

/** Every chat command, in the order help and the command menu list them. */
public final class ChatCommands {
    private ChatCommands() {
    }

    public static List<ChatCommand> all() {
        List<ChatCommand> all = new ArrayList<>();
        all.addAll(SessionCommands.all(() -> List.copyOf(all)));
        all.addAll(ReadCommands.all());
        all.addAll(ChangeCommands.all());
        all.addAll(BackupCommands.all());
        all.addAll(DoctorCommands.all());
        all.addAll(PlanCommands.all());
        all.addAll(ScheduleCommands.all());
        return List.copyOf(all);
    }
}
