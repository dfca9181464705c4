package dev.sobolev.reports.html;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.GarchSummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The GARCH(1,1) fit (Bollerslev 1986): coefficients with standard errors from the observed information, the outer
 * product of gradients and the sandwich; the conditional variance over the sample; forecasts with their gradients
 * by the parameters.
 */
final class GarchSection {
    private GarchSection() {
    }

    /** The section. */
    static Section of(GarchSummary g) {
        String facts = Html.facts(List.of(
                new Fact("series", g.data()),
                new Fact("observations", Integer.toString(g.observations())),
                new Fact("log-likelihood", Formats.general(g.logLikelihood())),
                new Fact("iterations", Integer.toString(g.iterations())),
                new Fact("converged", g.converged() ? "yes" : "no")));
        return new Section("garch", "GARCH(1,1)", facts + Html.heading("Coefficients") + coefficients(g)
                + Html.heading("Conditional variance") + variance(g)
                + Html.heading("Forecasts") + forecasts(g));
    }

    private static String coefficients(GarchSummary g) {
        StringColumn name = StringColumn.create("coefficient");
        StringColumn estimate = StringColumn.create("estimate");
        DoubleColumn hessian = DoubleColumn.create("SE (Hessian)");
        DoubleColumn opg = DoubleColumn.create("SE (OPG)");
        DoubleColumn sandwich = DoubleColumn.create("SE (sandwich)");
        for (int i = 0; i < g.names().size(); i++) {
            name.append(g.names().get(i));
            estimate.append(Formats.general(at(g.estimate(), i)));
            hessian.append(at(g.seHessian(), i));
            opg.append(at(g.seOpg(), i));
            sandwich.append(at(g.seSandwich(), i));
        }
        for (DoubleColumn c : List.of(hessian, opg, sandwich)) {
            c.setPrintFormatter(Formats.errorColumn());
        }
        return Html.table(Table.create("coefficients", name, estimate, hessian, opg, sandwich));
    }

    private static String variance(GarchSummary g) {
        if (g.conditionalVariance().isEmpty()) {
            return Html.notAvailable("Conditional variance", "not recorded");
        }
        ArrayNode data = Plots.traces();
        data.add(Plots.scatter("h_t", "lines", Plots.counting(g.conditionalVariance().size()),
                Plots.numbers(g.conditionalVariance())));
        ObjectNode layout = Plots.layout("observation t", false, "conditional variance h_t", false);
        layout.put("showlegend", false);
        return Plots.figure("garch-variance", "Conditional variance h_t over the sample at the estimate.", data,
                layout);
    }

    private static String forecasts(GarchSummary g) {
        if (g.forecasts().isEmpty()) {
            return Html.notAvailable("Forecasts", "none requested");
        }
        IntColumn horizon = IntColumn.create("horizon k");
        StringColumn variance = StringColumn.create("h_{T+k}");
        Table t = Table.create("forecasts", horizon, variance);
        for (int j = 0; j < g.names().size(); j++) {
            t.addColumns(StringColumn.create("∂h/∂" + g.names().get(j)));
        }
        for (GarchSummary.Forecast f : g.forecasts()) {
            horizon.append(f.horizon());
            variance.append(Formats.general(f.variance()));
            for (int j = 0; j < g.names().size(); j++) {
                t.stringColumn(2 + j).append(Formats.general(at(f.gradient(), j)));
            }
        }
        return Html.table(t);
    }

    private static double at(List<Double> xs, int i) {
        return i < xs.size() ? xs.get(i) : Double.NaN;
    }
}
