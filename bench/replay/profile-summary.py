#!/usr/bin/env python3
"""Sums up a JFR recording of bench/replay/run.sh over the replay phase only.

Usage: profile-summary.py RECORDING.jfr RUN.log [JFR_TOOL]
RUN.log is the run's Maven output (it holds the replay's seconds). The replay phase is taken as
the replay's seconds before the first request of the list-endpoint phase. JFR_TOOL defaults to
the JDK 25 `jfr` under /usr/lib/jvm (JDK 17's has no JSON view of stacks this deep).
Prints events/s, JVM CPU seconds from jdk.CPULoad, and the share of execution samples by thread
group and by the code paths the replay spends on.
"""
import collections, datetime, json, re, subprocess, sys

recording, log = sys.argv[1], sys.argv[2]
jfr = sys.argv[3] if len(sys.argv) > 3 else '/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr'
replay = re.search(r'full replay of all read models \| ([\d,]+) \| ([\d.]+)', open(log).read())
events, seconds = int(replay.group(1).replace(',', '')), float(replay.group(2))
out = subprocess.run([jfr, 'print', '--json', '--stack-depth', '128', '--events', 'jdk.ExecutionSample,jdk.CPULoad', recording],
                     capture_output=True, text=True, check=True).stdout
recorded = json.loads(out)['recording']['events']
at = lambda e: datetime.datetime.fromisoformat(e['values']['startTime'][:19])
http = sorted(at(e) for e in recorded if e['type'] == 'jdk.ExecutionSample'
              and 'http-nio' in (e['values']['sampledThread']['javaName'] or ''))
end = [t for t in http if (http[-1] - t).total_seconds() < 40][0] - datetime.timedelta(seconds=1)
start = end - datetime.timedelta(seconds=seconds - 1)
PATHS = {'store: read-model updates': ['commandUpdate'], 'read-model bulk writes (client side)': ['ReadModelBatch.send', 'ReadModelBatch.lambda$send'],
         'Axon metrics monitors': ['MessageMonitor', 'micrometer'], '  of which registerMeterIfNecessary': ['registerMeterIfNecessary'],
         'event reads (findTrackedEvents)': ['findTrackedEvents'], 'timestamp parsing': ['parseInstant'],
         'Jackson deserialisation': ['JacksonSerializer.deserialize']}
groups, paths, cpu, samples = collections.Counter(), collections.Counter(), 0.0, 0
for e in recorded:
    if not start <= at(e) <= end:
        continue
    if e['type'] == 'jdk.CPULoad':
        cpu += e['values']['jvmUser'] + e['values']['jvmSystem']
        continue
    samples += 1
    thread = e['values']['sampledThread']['javaName'] or ''
    groups['store threads' if 'embedded-mongo' in thread else 'processor threads' if 'EventProcessor' in thread else 'other'] += 1
    stack = ' '.join(f['method']['type']['name'] + '.' + f['method']['name'] for f in (e['values']['stackTrace'] or {'frames': []})['frames'])
    for name, marks in PATHS.items():
        if any(mark in stack for mark in marks):
            paths[name] += 1
cores = int(subprocess.run(['nproc'], capture_output=True, text=True).stdout)
print(f'replay {events:,} events in {seconds:.1f} s: {events / seconds:,.0f} events/s; JVM CPU {cpu * cores:.1f} s '
      f'({events / (cpu * cores):,.0f} events per CPU second); {samples} execution samples {start:%H:%M:%S}-{end:%H:%M:%S}')
for name, count in list(groups.most_common()) + [(name, paths[name]) for name in PATHS]:
    print(f'  {count * 100 / samples:5.1f}%  {name}')
