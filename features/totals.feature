@area:totals @route:cart/products
Feature: The totals of the cart: their order, and store credit (api/cart/products)
  The totals lines of `api/cart/products` come in the sort order of the store's total extensions (the fixtures'
  `totals.order`), and a registered customer's store credit pays the cart. The customer with credit is named by role in
  the target's fixtures (`customers`, with its `store_credit`).
  See the operation `cartProducts` in openapi.yaml and its page in the living documentation (`npm run docs`:
  reports/docs/routes/cartProducts.html).

  Rule: the lines come in the order of the total extensions

    @route:voucher @id:totals-line-order @must
    Scenario: shipping, coupon, tax and gift voucher lines come in their places
      Given I am logged in
      And my cart holds 2 of the "with points" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the "flat" shipping method is chosen
      And the "percent" coupon is applied
      When I apply the "valid" gift voucher
      Then the answer is a success
      And the cart totals are in the documented order, with the "percent" coupon, the "flat" shipping and the "valid" gift voucher

    @route:reward @id:totals-line-order-reward @may
    Scenario: the Reward Points line comes right after the Sub-Total
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 2 of the "with points" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the "flat" shipping method is chosen
      And the "percent" coupon is applied
      And the "valid" gift voucher is applied
      When I redeem 100 reward points
      Then the answer is a success
      And the cart totals are in the documented order, with the "percent" coupon, the "flat" shipping and the "valid" gift voucher

  Rule: store credit pays the cart, at most what there is to pay

    @id:totals-store-credit @must
    Scenario: a customer's store credit shows as a negative Store Credit line
      Given I am logged in
      And the "with store credit" customer is set
      And my cart holds 1 of the "simple" product
      Then the cart totals show the store credit of the "with store credit" customer

    @id:totals-store-credit-empty-cart @must
    Scenario: with an empty cart there is no Store Credit line
      Given I am logged in
      And the "with store credit" customer is set
      Then the cart totals show no store credit
