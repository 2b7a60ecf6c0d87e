package io.migrabot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.TargetConfig;
import io.migrabot.doctor.Diagnosis;
import io.migrabot.doctor.Finding;
import io.migrabot.doctor.Fix;
import io.migrabot.doctor.Severity;
import io.migrabot.operation.Doctor;
import io.migrabot.operation.ExpectedSchemas;
import io.migrabot.schema.SchemaCache;
import io.migrabot.shadow.ShadowsByKind;
import io.migrabot.operation.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "doctor", description = "Find what is wrong with a target and the safe fixes (exit 1 on an error, "
        + "or on a warning with --fail-on warning).",
        footer = {"  migrabot doctor --target shop",
                "  migrabot doctor --json --target shop > findings.json",
                "  migrabot doctor --fail-on warning --target shop    # in a pipeline: fail on drift too"})
final class DoctorCommand extends OperationCommand {
    @Option(names = "--json", description = "Print the findings as JSON, for pipelines.")
    boolean json;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit 1 on a finding at least this severe: "
            + "error (the default) or warning (drift, a database behind).")
    String failOn = "error";

    @Override
    public Integer call() throws Exception {
        Severity threshold = switch (failOn) {
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            default -> throw new MigrabotException(ErrorCode.USAGE, "--fail-on takes error or warning, not '"
                    + failOn + "'");
        };
        TargetConfig config = config();
        Doctor doctor = new Doctor(new ExpectedSchemas(SchemaCache.inMemory(), new ShadowsByKind()));
        Diagnosis diagnosis = doctor.examine(config, () -> Target.open(config));
        PrintWriter out = terminal().out();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(diagnosis)));
        } else {
            text(diagnosis, out, targetOptions.target == null ? " (with this command's target options)"
                    : " --target " + diagnosis.target());
        }
        out.flush();
        return diagnosis.hasAtLeast(threshold) ? 1 : 0;
    }

    /** @param targetWords how a fix's command line names the target, as this command did */
    private static void text(Diagnosis diagnosis, PrintWriter out, String targetWords) {
        if (diagnosis.healthy()) {
            out.println(diagnosis.target() + ": no problem found");
            return;
        }
        out.println(diagnosis.target() + ": " + diagnosis.findings().size() + " finding(s)");
        for (Finding finding : diagnosis.findings()) {
            out.println();
            out.println(finding.severity().key().toUpperCase(java.util.Locale.ROOT) + ": " + finding.summary());
            out.println("  " + finding.kind().meaning());
            finding.evidence().forEach(line -> out.println("  - " + line));
            for (Fix fix : finding.fixes()) {
                out.println("  fix: migrabot " + fix.operation() + " " + String.join(" ", fix.arguments())
                        + targetWords);
            }
        }
    }

    private static ObjectNode json(Diagnosis diagnosis) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("target", diagnosis.target())
                .put("healthy", diagnosis.healthy()).put("errors", diagnosis.hasErrors())
                .put("fingerprint", diagnosis.fingerprint());
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : diagnosis.findings()) {
            ObjectNode node = findings.addObject().put("kind", finding.kind().key())
                    .put("severity", finding.severity().key()).put("summary", finding.summary())
                    .put("meaning", finding.kind().meaning());
            finding.evidence().forEach(node.putArray("evidence")::add);
            ArrayNode fixes = node.putArray("fixes");
            for (Fix fix : finding.fixes()) {
                ObjectNode f = fixes.addObject().put("label", fix.label()).put("operation", fix.operation());
                fix.arguments().forEach(f.putArray("arguments")::add);
            }
        }
        return root;
    }
}
