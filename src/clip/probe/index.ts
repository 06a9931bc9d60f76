/** The linear probe: multinomial logistic regression on CLIP image embeddings (see ./logistic.ts). */
export * from './logistic';
export * from './lbfgs';
export * from './crossValidation';
export * from './random';
export * from './train';
