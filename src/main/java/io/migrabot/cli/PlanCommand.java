package io.migrabot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migrabot.impact.ImpactReport;
import io.migrabot.impact.Risk;
import io.migrabot.impact.RevisionImpact;
import io.migrabot.operation.Impact;
import io.migrabot.shadow.PostgresShadows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "plan", description = "Measure what an upgrade or downgrade would lock, rewrite and destroy, in a "
        + "shadow database (exit 1 on a high or unknown risk).",
        footer = {"  migrabot plan upgrade heads --target shop",
                "  migrabot plan downgrade -1 --target shop",
                "  migrabot plan upgrade head --json --target shop > plan.json"})
final class PlanCommand extends OperationCommand {
    @Parameters(index = "0", paramLabel = "OPERATION", description = "upgrade or downgrade.")
    String operation;

    @Parameters(index = "1", paramLabel = "REV", description = "The destination, as for upgrade or downgrade.")
    String revision;

    @Option(names = "--json", description = "Print the plan as JSON, for pipelines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // the answer is printed before the shadow used is dropped and the next plan's spare copy is made
        try (PostgresShadows shadows = new PostgresShadows()) {
            ImpactReport report = new Impact(target(), shadows).plan(operation, revision);
            PrintWriter out = terminal().out();
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(report)));
            } else {
                report.lines().forEach(out::println);
            }
            out.flush();
            return report.risk().atLeast(Risk.HIGH) ? 1 : 0;
        }
    }

    private static ObjectNode json(ImpactReport report) {
        ObjectNode root = new ObjectMapper().createObjectNode().put("target", report.target())
                .put("operation", report.operation()).put("destination", report.destination())
                .put("risk", report.risk().key()).put("fingerprint", report.fingerprint());
        report.heads().forEach(root.putArray("from")::add);
        report.unknown().ifPresent(why -> root.put("unknown", why));
        ArrayNode revisions = root.putArray("revisions");
        for (RevisionImpact revision : report.revisions()) {
            ObjectNode node = revisions.addObject().put("revision", revision.revision())
                    .put("risk", revision.risk().key());
            revision.findings().forEach(node.putArray("findings")::add);
        }
        return root;
    }
}
