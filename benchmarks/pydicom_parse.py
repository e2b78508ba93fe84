"""pydicom's side of benchmarks/parse-side-by-side.sh: the same files, the same passes, same output format."""
import statistics
import sys
import time
import tracemalloc

import pydicom


def report(name, passes, files, stop_before_pixels):
    for path in files:
        pydicom.dcmread(path, force=True, stop_before_pixels=stop_before_pixels)
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(passes):
            for path in files:
                pydicom.dcmread(path, force=True, stop_before_pixels=stop_before_pixels)
        rounds.append((time.perf_counter() - start) * 1e6 / (passes * len(files)))
    tracemalloc.start()
    for path in files:
        pydicom.dcmread(path, force=True, stop_before_pixels=stop_before_pixels)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"pydicom\t{name}\t{len(files)}\t{statistics.median(rounds):.1f}\tpeak {peak}")


def main():
    ct512, corpus = sys.argv[1], sys.argv[2:]
    report("ct512-header", 200, [ct512], True)
    report("ct512-whole", 200, [ct512], False)
    report("corpus-header", 2, corpus, True)
    report("corpus-whole", 2, corpus, False)


if __name__ == "__main__":
    main()
