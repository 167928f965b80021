import { decimalAdd, decimalMul, decimalToFloat } from '@rrr/orders';
import { Decimal } from 'decimal.js';

const notional = decimalMul(new Decimal('0.01234'), new Decimal('61234.56')); // 755.6344704
const cash = decimalAdd(new Decimal('10000'), notional.neg());
console.log(cash.toString(), decimalToFloat(cash)); // "9244.3655296" 9244.3655296
