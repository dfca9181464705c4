/**
 * What a surrogate takes and gives: {@link dev.sobolev.surrogate.schema.ModelSchema} with one
 * {@link dev.sobolev.surrogate.schema.InputSpec} per input (name, unit, training box, mean and deviation) and one
 * {@link dev.sobolev.surrogate.schema.OutputSpec} per output. Immutable values shared by the model file
 * ({@code io}) and the pricing API ({@code api}).
 */
package dev.sobolev.surrogate.schema;
