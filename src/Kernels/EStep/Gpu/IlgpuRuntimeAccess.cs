using System.Runtime.CompilerServices;

// ILGPU generates its kernel launchers in a dynamic assembly named "ILGPURuntime"; it must see the internal
// kernel argument types (GaussianTileArguments, GaussianParameterViews, Quad) to pass them to the device.
[assembly: InternalsVisibleTo("ILGPURuntime")]
