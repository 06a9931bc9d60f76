/// <reference lib="webworker" />
/** The probe worker: linear-probe training off the page's thread (contract: workers/probeApi.ts). */
import * as Comlink from 'comlink';
import { createProbeWorkerApi } from './probeWorkerApi';

Comlink.expose(createProbeWorkerApi());
