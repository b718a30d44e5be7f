/**
 * Numeric constants shared by the metrics.
 *
 * FLOAT64_EPS = numpy.finfo(numpy.float64).eps = 2**-52, the default `eps='auto'` clip of
 * scikit-learn 1.2.1 `log_loss` for float64 input and the floor of the denominator of
 * `mean_absolute_percentage_error`.
 */
export const FLOAT64_EPS = 2.220446049250313e-16;
