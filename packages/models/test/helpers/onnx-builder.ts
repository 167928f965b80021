import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** An attribute value of a node: a float, an int, a list of ints, or a tensor. */
export type AttributeValue =
  | { readonly float: number }
  | { readonly int: number }
  | { readonly ints: readonly number[] };

/** Minimal ONNX graph builder over onnx-proto (dev only): float32 tensors, opset 17. */
export class GraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private counter = 0;

  /** Adds a float32 initializer and returns its name. */
  constant(dims: readonly number[], values: ArrayLike<number>, name = this.fresh('c')): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new Error(`constant ${name}: ${values.length} values for dims ${dims}`);
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims: [...dims],
        dataType: onnx.TensorProto.DataType.FLOAT,
        floatData: Array.from(values, (v) => Math.fround(v)),
      }),
    );
    return name;
  }

  /** Adds an int64 initializer and returns its name. */
  int64(dims: readonly number[], values: readonly number[]): string {
    const name = this.fresh('i');
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims: [...dims],
        dataType: onnx.TensorProto.DataType.INT64,
        int64Data: [...values],
      }),
    );
    return name;
  }

  /** Adds a node with one output and returns the output's name. */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, AttributeValue> = {},
    output = this.fresh(opType),
  ): string {
    const attribute = Object.entries(attributes).map(([name, value]) => {
      if ('float' in value)
        return onnx.AttributeProto.create({
          name,
          type: onnx.AttributeProto.AttributeType.FLOAT,
          f: value.float,
        });
      if ('int' in value)
        return onnx.AttributeProto.create({
          name,
          type: onnx.AttributeProto.AttributeType.INT,
          i: value.int,
        });
      return onnx.AttributeProto.create({
        name,
        type: onnx.AttributeProto.AttributeType.INTS,
        ints: [...value.ints],
      });
    });
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: [...inputs],
        output: [output],
        attribute,
        name: `${output}_node`,
      }),
    );
    return output;
  }

  /** Serializes the graph with one float input and one float output (string dims are symbolic). */
  build(
    input: { readonly name: string; readonly dims: readonly (number | string)[] },
    output: { readonly name: string; readonly dims: readonly (number | string)[] },
  ): Uint8Array {
    const valueInfo = (name: string, dims: readonly (number | string)[]) =>
      onnx.ValueInfoProto.create({
        name,
        type: onnx.TypeProto.create({
          tensorType: onnx.TypeProto.Tensor.create({
            elemType: onnx.TensorProto.DataType.FLOAT,
            shape: onnx.TensorShapeProto.create({
              dim: dims.map((d) =>
                typeof d === 'number'
                  ? onnx.TensorShapeProto.Dimension.create({ dimValue: d })
                  : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
              ),
            }),
          }),
        }),
      });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: '@rrr/models tests',
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 17 })],
      graph: onnx.GraphProto.create({
        name: 'tiny',
        node: this.nodes,
        initializer: this.initializers,
        input: [valueInfo(input.name, input.dims)],
        output: [valueInfo(output.name, output.dims)],
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }
}
