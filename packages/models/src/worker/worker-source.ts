/**
 * Source of the inference worker (CommonJS, run with `eval: true` so it needs no separate file in the
 * build). It owns one onnxruntime session and answers `{ id, input, dims }` messages with logits. @internal
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const ready = ort.InferenceSession.create(new Uint8Array(workerData.bytes), workerData.options);
ready.then(
  () => parentPort.postMessage({ id: 0 }),
  (error) => parentPort.postMessage({ id: 0, error: String((error && error.message) || error) }),
);
parentPort.on('message', async (message) => {
  try {
    const session = await ready;
    const feeds = { [workerData.inputName]: new ort.Tensor('float32', message.input, message.dims) };
    const data = (await session.run(feeds))[workerData.outputName].data;
    const copy = new Float32Array(data);
    parentPort.postMessage({ id: message.id, data: copy }, [copy.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String((error && error.message) || error) });
  }
});
`;
