package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * A GARCH(1,1) fit (Bollerslev, "Generalized autoregressive conditional heteroskedasticity"; FCP conventions):
 * coefficients with three kinds of standard errors, the conditional variance over the sample and forecasts with
 * their gradients by the parameters.
 *
 * @param data                the series' file or name
 * @param observations        sample size
 * @param names               coefficient names (mu, omega, alpha, beta)
 * @param estimate            the estimates
 * @param seHessian           standard errors from the observed information
 * @param seOpg               from the outer product of gradients
 * @param seSandwich          the quasi-maximum-likelihood sandwich
 * @param logLikelihood       at the estimate
 * @param iterations          optimiser iterations
 * @param converged           whether the fit converged
 * @param conditionalVariance h_t for t = 1..T
 * @param forecasts           h_{T+k} for k = 1..horizon with ∂h/∂θ
 */
public record GarchSummary(String data, int observations, List<String> names, List<Double> estimate,
                           List<Double> seHessian, List<Double> seOpg, List<Double> seSandwich, double logLikelihood,
                           int iterations, boolean converged, List<Double> conditionalVariance,
                           List<Forecast> forecasts) {
    /** Copies the lists. */
    public GarchSummary {
        Objects.requireNonNull(data, "data");
        names = List.copyOf(names);
        estimate = List.copyOf(estimate);
        seHessian = List.copyOf(seHessian);
        seOpg = List.copyOf(seOpg);
        seSandwich = List.copyOf(seSandwich);
        conditionalVariance = List.copyOf(conditionalVariance);
        forecasts = List.copyOf(forecasts);
    }

    /**
     * One forecast.
     *
     * @param horizon  k
     * @param variance h_{T+k}
     * @param gradient ∂h_{T+k}/∂θ in the order of {@link #names}
     */
    public record Forecast(int horizon, double variance, List<Double> gradient) {
        /** Copies the gradient. */
        public Forecast {
            gradient = List.copyOf(gradient);
        }
    }
}
