// Runs the ORIGINAL face-api face recognition net (TF.js, pure-JS CPU backend) on 150x150 RGB chips and prints
// the 128-d descriptors as JSON: the reference our own ONNX conversion is checked against.
//
// usage: node face-api-descriptors.mjs <face-api model dir> <chip dir>
//   <face-api model dir> holds face_recognition_model-weights_manifest.json and its .bin (the copy the C# reads).
//   <chip dir> holds <name>.rgb files: 150*150*3 bytes, RGB, row-major (HWC), as written by the C# test.
// The model is loaded from the package's manifest + .bin with tf.io.decodeWeights (no fetch, no file-system
// handler), so the weights TF.js sees are exactly the bytes our C# reader reads.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The package's Node build that uses the separate @tensorflow/tfjs package (CommonJS) instead of tfjs-node, which
// would need a native binary downloaded at install time; we then pick TF.js's pure-JS CPU backend.
const faceapi = createRequire(import.meta.url)('@vladmandic/face-api/dist/face-api.node-wasm.js');

const [modelDir, chipDir] = process.argv.slice(2);
if (!modelDir || !chipDir) {
  console.error('usage: node face-api-descriptors.mjs <face-api model dir> <chip dir>');
  process.exit(2);
}

const { tf } = faceapi;
await tf.setBackend('cpu');
await tf.ready();

const manifestPath = join(modelDir, 'face_recognition_model-weights_manifest.json');
const [group] = JSON.parse(readFileSync(manifestPath, 'utf8'));
const bin = Buffer.concat(group.paths.map((p) => readFileSync(join(modelDir, p))));
const weightMap = tf.io.decodeWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), group.weights);
faceapi.nets.faceRecognitionNet.loadFromWeightMap(weightMap);

const size = 150;
const faces = [];
for (const file of readdirSync(chipDir).filter((f) => f.endsWith('.rgb')).sort()) {
  const pixels = readFileSync(join(chipDir, file));
  if (pixels.length !== size * size * 3) {
    throw new Error(`${file}: ${pixels.length} bytes, expected ${size * size * 3}`);
  }
  const chip = tf.tensor3d(new Float32Array(pixels), [size, size, 3], 'float32');
  const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(chip);
  chip.dispose();
  faces.push({
    chip: file.slice(0, -'.rgb'.length),
    chipSha256: createHash('sha256').update(pixels).digest('hex'),
    descriptor: Array.from(descriptor),
  });
}

const result = {
  generator: 'tests/reference/face-api-descriptors.mjs',
  faceApiVersion: faceapi.version,
  tfjsVersion: tf.version.tfjs,
  backend: tf.getBackend(),
  faces,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
