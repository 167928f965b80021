/*
 * TA-Lib's own C loops on the benchmark bars, for reference: how fast TA-Lib's arithmetic runs compiled.
 * Built and run by run.mjs (reads the bars from the binary file given as argv[1]: open, high, low, close,
 * volume, each N float64 values). Output arrays are allocated and touched before timing, so the figures
 * are the loops alone. Process CPU time, best of 5 calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ta_libc.h"

static int n;
static double *o_, *h, *l, *c, *v, *a, *b, *d;
static double total;

static double cpuMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

#define TIME(id, call)                                            \
  {                                                               \
    double best = 1e300;                                          \
    for (int r = 0; r < 5; r++) {                                 \
      int beg, nb;                                                \
      double t0 = cpuMs();                                        \
      TA_RetCode rc = (call);                                     \
      double t = cpuMs() - t0;                                    \
      if (rc != TA_SUCCESS) {                                     \
        fprintf(stderr, "%s failed: %d\n", id, rc);               \
        return 1;                                                 \
      }                                                           \
      (void)beg;                                                  \
      (void)nb;                                                   \
      if (t < best) best = t;                                     \
    }                                                             \
    total += best * 1e6 / n;                                      \
    printf("%-12s %7.2f ns/bar\n", id, best * 1e6 / n);           \
  }

static double *column(FILE *f) {
  double *x = malloc(sizeof(double) * n);
  if (x == NULL || fread(x, sizeof(double), n, f) != (size_t)n) exit(1);
  return x;
}

int main(int argc, char **argv) {
  if (argc < 3) return 1;
  n = atoi(argv[2]);
  FILE *f = fopen(argv[1], "rb");
  if (f == NULL) return 1;
  o_ = column(f), h = column(f), l = column(f), c = column(f), v = column(f);
  a = calloc(n, sizeof(double)), b = calloc(n, sizeof(double)), d = calloc(n, sizeof(double));
  for (int i = 0; i < n; i++) a[i] = b[i] = d[i] = 1;
  TA_Initialize();
  const int e = n - 1;
  TIME("sma", TA_SMA(0, e, c, 20, &beg, &nb, a))
  TIME("ema", TA_EMA(0, e, c, 20, &beg, &nb, a))
  TIME("wma", TA_WMA(0, e, c, 20, &beg, &nb, a))
  TIME("dema", TA_DEMA(0, e, c, 20, &beg, &nb, a))
  TIME("tema", TA_TEMA(0, e, c, 20, &beg, &nb, a))
  TIME("trix", TA_TRIX(0, e, c, 30, &beg, &nb, a))
  TIME("kama", TA_KAMA(0, e, c, 30, &beg, &nb, a))
  TIME("rsi", TA_RSI(0, e, c, 14, &beg, &nb, a))
  TIME("macd", TA_MACD(0, e, c, 12, 26, 9, &beg, &nb, a, b, d))
  TIME("stochastic", TA_STOCH(0, e, h, l, c, 14, 3, TA_MAType_SMA, 3, TA_MAType_SMA, &beg, &nb, a, b))
  TIME("stochRsi", TA_STOCHRSI(0, e, c, 14, 14, 3, TA_MAType_SMA, &beg, &nb, a, b))
  TIME("roc", TA_ROC(0, e, c, 10, &beg, &nb, a))
  TIME("williamsR", TA_WILLR(0, e, h, l, c, 14, &beg, &nb, a))
  TIME("cci", TA_CCI(0, e, h, l, c, 20, &beg, &nb, a))
  TIME("adx", TA_ADX(0, e, h, l, c, 14, &beg, &nb, a))
  TIME("adx +DI", TA_PLUS_DI(0, e, h, l, c, 14, &beg, &nb, a))
  TIME("adx -DI", TA_MINUS_DI(0, e, h, l, c, 14, &beg, &nb, a))
  TIME("aroon", TA_AROON(0, e, h, l, 14, &beg, &nb, a, b))
  TIME("aroon osc", TA_AROONOSC(0, e, h, l, 14, &beg, &nb, a))
  TIME("bollinger", TA_BBANDS(0, e, c, 20, 2, 2, TA_MAType_SMA, &beg, &nb, a, b, d))
  TIME("atr", TA_ATR(0, e, h, l, c, 14, &beg, &nb, a))
  TIME("natr", TA_NATR(0, e, h, l, c, 14, &beg, &nb, a))
  TIME("parabolicSar", TA_SAR(0, e, h, l, 0.02, 0.2, &beg, &nb, a))
  TIME("obv", TA_OBV(0, e, c, v, &beg, &nb, a))
  TIME("mfi", TA_MFI(0, e, h, l, c, v, 14, &beg, &nb, a))
  TIME("stdDev", TA_STDDEV(0, e, c, 20, 1, &beg, &nb, a))
  TIME("linRegSlope", TA_LINEARREG_SLOPE(0, e, c, 14, &beg, &nb, a))
  printf("TA-Lib C, the 24 indicators above: %.1f ns/bar\n", total);
  return 0;
}
